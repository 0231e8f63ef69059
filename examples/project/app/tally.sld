;; (app tally): how often each word occurs, most frequent first (ties in
;; alphabetical order), with SRFI 69 hash tables and SRFI 132 sorting.
(define-library (app tally)
  (export tally)
  (import (scheme base) (srfi 69) (srfi 132))
  (begin
    ;; Does (word . count) `a` come before `b`?
    (define (before? a b)
      (or (> (cdr a) (cdr b))
          (and (= (cdr a) (cdr b)) (string<? (car a) (car b)))))

    (define (tally words)
      (let ((counts (make-hash-table string=?)))
        (for-each (lambda (w)
                    (hash-table-set! counts w (+ 1 (hash-table-ref/default counts w 0))))
                  words)
        (let ((pairs '()))
          (hash-table-walk counts (lambda (w n) (set! pairs (cons (cons w n) pairs))))
          (list-sort before? pairs))))))
