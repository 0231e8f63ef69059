;; (app text): splitting text into lower-case words.
(define-library (app text)
  (export words)
  (import (scheme base) (scheme char))
  (begin
    ;; The words of string `s`: maximal runs of letters, folded to lower case.
    (define (words s)
      (let loop ((chars (string->list s)) (word '()) (out '()))
        (define (flush)
          (if (null? word) out (cons (list->string (reverse word)) out)))
        (cond ((null? chars) (reverse (flush)))
              ((char-alphabetic? (car chars))
               (loop (cdr chars) (cons (char-downcase (car chars)) word) out))
              (else (loop (cdr chars) '() (flush))))))))
