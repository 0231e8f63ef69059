;; (app tally): how often each word occurs, most frequent first (ties in
;; alphabetical order). With SRFI 69 hash tables and SRFI 132 sorting when
;; closc bundles them, else with an association list and a merge sort of
;; its own: both give the same answer.
(define-library (app tally)
  (export tally)
  (import (scheme base))
  (begin
    ;; Does (word . count) `a` come before `b`?
    (define (before? a b)
      (or (> (cdr a) (cdr b))
          (and (= (cdr a) (cdr b)) (string<? (car a) (car b))))))
  (cond-expand
    ((and (library (srfi 69)) (library (srfi 132)))
     (import (srfi 69) (srfi 132))
     (begin
       (define (tally words)
         (let ((counts (make-hash-table string=?)))
           (for-each (lambda (w)
                       (hash-table-set! counts w
                                        (+ 1 (hash-table-ref/default counts w 0))))
                     words)
           (let ((pairs '()))
             (hash-table-walk counts (lambda (w n) (set! pairs (cons (cons w n) pairs))))
             (list-sort before? pairs))))))
    (else
     (begin
       (define (tally words)
         (let loop ((words words) (counts '()))
           (if (null? words)
               (merge-sort counts)
               (let ((entry (assoc (car words) counts)))
                 (if entry
                     (begin (set-cdr! entry (+ (cdr entry) 1))
                            (loop (cdr words) counts))
                     (loop (cdr words) (cons (cons (car words) 1) counts)))))))
       (define (merge-sort xs)
         (if (or (null? xs) (null? (cdr xs)))
             xs
             (let split ((xs xs) (a '()) (b '()))
               (if (null? xs)
                   (merge (merge-sort a) (merge-sort b))
                   (split (cdr xs) (cons (car xs) b) a)))))
       (define (merge a b)
         (cond ((null? a) b)
               ((null? b) a)
               ((before? (car b) (car a)) (cons (car b) (merge a (cdr b))))
               (else (cons (car a) (merge (cdr a) b)))))))))
