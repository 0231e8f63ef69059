;;; The access layer SRFI 69 (69.scm) and SRFI 125 (125.scm) share over
;;; closc's runtime tables (`(closc hash-tables)`): which runtime table an
;;; equivalence gets, the dispatch between tables the runtime hashes and
;;; generic ones, and the slot search of a generic table. Each library
;;; includes it, so each has its own private copy of these definitions.

(define (%ht-builtin-maker same?)
  (cond ((eq? same? eq?) make-eq-hashtable)
        ((eq? same? eqv?) make-eqv-hashtable)
        ((eq? same? equal?) make-equal-hashtable)
        ((eq? same? string=?) make-string-hashtable)
        ((eq? same? string-ci=?) make-string-ci-hashtable)
        (else #f)))

;; Runs `builtin` for a table the runtime hashes, `generic` for a generic
;; table; anything else is an error naming the procedure (`message`).
(define-syntax %ht-on
  (syntax-rules ()
    ((_ message t builtin generic)
     (let ((k (hashtable-access-kind t)))
       (cond ((eq? k 0) builtin)
             ((eq? k 1) generic)
             (else (error message t)))))))

(define (%ht-check message t)
  (unless (hashtable? t) (error message t)))

;; Generic tables: the slot of `key`, or #f.
(define (%ht-slot t key)
  (let ((same? (hashtable-equivalence-function t)))
    (let loop ((slots (hashtable-hashed-slots t ((hashtable-hash-function t) key))))
      (cond ((null? slots) #f)
            ((same? (hashtable-slot-key t (car slots)) key) (car slots))
            (else (loop (cdr slots)))))))

;; A unique object no table holds, for "no value" answers.
(define %ht-missing (list 'missing))
