;;; closc prelude: builtins written in Scheme.
;;;
;;; These are compiled together with the user's program; only the definitions a
;;; program references (directly or through other prelude definitions) are
;;; included. Inside this file names resolve to builtins before anything else and
;;; never to the user's globals, so a user redefining `car` or `map` cannot break
;;; them. `%%apply` (prelude only) calls a procedure with the elements of a list.

(define (closc:all-pairs? ls)
  (if (null? ls) #t (if (pair? (car ls)) (closc:all-pairs? (cdr ls)) #f)))

(define (closc:cars ls)
  (if (null? ls) '() (cons (car (car ls)) (closc:cars (cdr ls)))))

(define (closc:cdrs ls)
  (if (null? ls) '() (cons (cdr (car ls)) (closc:cdrs (cdr ls)))))

(define (closc:cons* x rest)
  (if (null? rest) x (cons x (closc:cons* (car rest) (cdr rest)))))

(define (apply f first . rest)
  (%%apply f (closc:cons* first rest)))

(define (map f l . ls)
  (if (null? ls)
      (let loop ((l l))
        (if (pair? l)
            (let ((x (f (car l))))
              (cons x (loop (cdr l))))
            '()))
      (let loop ((ls (cons l ls)))
        (if (closc:all-pairs? ls)
            (let ((x (%%apply f (closc:cars ls))))
              (cons x (loop (closc:cdrs ls))))
            '()))))

(define (for-each f l . ls)
  (if (null? ls)
      (let loop ((l l))
        (if (pair? l)
            (begin (f (car l)) (loop (cdr l)))))
      (let loop ((ls (cons l ls)))
        (if (closc:all-pairs? ls)
            (begin (%%apply f (closc:cars ls)) (loop (closc:cdrs ls)))))))

(define (member x l . compare)
  (let ((same? (if (null? compare) equal? (car compare))))
    (let loop ((l l))
      (if (pair? l)
          (if (same? x (car l)) l (loop (cdr l)))
          #f))))

(define (assoc x l . compare)
  (let ((same? (if (null? compare) equal? (car compare))))
    (let loop ((l l))
      (if (pair? l)
          (if (same? x (car (car l))) (car l) (loop (cdr l)))
          #f))))

;; Multiple values (R7RS 6.10): `values` is a builtin making a values object
;; (see runtime/src/control.rs); `%values->list` takes it apart.
(define (call-with-values producer consumer)
  (%%apply consumer (%values->list (producer))))
