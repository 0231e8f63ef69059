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

(define (member x l0 . compare)
  (let ((same? (if (null? compare) equal? (car compare))))
    (let loop ((l l0))
      (if (pair? l)
          (if (same? x (car l)) l (loop (cdr l)))
          (if (null? l) #f (error 'member "not a proper list" l0))))))

(define (assoc x l0 . compare)
  (let ((same? (if (null? compare) equal? (car compare))))
    (let loop ((l l0))
      (if (pair? l)
          (if (pair? (car l))
              (if (same? x (car (car l))) (car l) (loop (cdr l)))
              (error 'assoc "not a pair" (car l)))
          (if (null? l) #f (error 'assoc "not a proper list" l0))))))

;; Strings and vectors: with several sequences, the shortest one sets the
;; length. Arguments are type-checked up front so that errors name the
;; procedure the program called.

(define (closc:check-all ok? what who xs)
  (if (pair? xs)
      (if (ok? (car xs))
          (closc:check-all ok? what who (cdr xs))
          (error who what (car xs)))))

(define (closc:min-length len xs)
  (let loop ((xs (cdr xs)) (n (len (car xs))))
    (if (null? xs) n (loop (cdr xs) (min n (len (car xs)))))))

(define (closc:refs ref xs i)
  (if (null? xs) '() (cons (ref (car xs) i) (closc:refs ref (cdr xs) i))))

(define (string-map f s . ss)
  (let ((strs (cons s ss)))
    (closc:check-all string? "not a string" 'string-map strs)
    (let* ((n (closc:min-length string-length strs))
           (r (make-string n)))
      (let loop ((i 0))
        (if (< i n)
            (let ((c (if (null? ss)
                         (f (string-ref s i))
                         (%%apply f (closc:refs string-ref strs i)))))
              (if (char? c)
                  (begin (string-set! r i c) (loop (+ i 1)))
                  (error 'string-map "not a character" c)))
            r)))))

(define (string-for-each f s . ss)
  (let ((strs (cons s ss)))
    (closc:check-all string? "not a string" 'string-for-each strs)
    (let ((n (closc:min-length string-length strs)))
      (let loop ((i 0))
        (if (< i n)
            (begin
              (if (null? ss)
                  (f (string-ref s i))
                  (%%apply f (closc:refs string-ref strs i)))
              (loop (+ i 1))))))))

(define (vector-map f v . vs)
  (let ((vecs (cons v vs)))
    (closc:check-all vector? "not a vector" 'vector-map vecs)
    (let* ((n (closc:min-length vector-length vecs))
           (r (make-vector n)))
      (let loop ((i 0))
        (if (< i n)
            (begin
              (vector-set! r i (if (null? vs)
                                   (f (vector-ref v i))
                                   (%%apply f (closc:refs vector-ref vecs i))))
              (loop (+ i 1)))
            r)))))

(define (vector-for-each f v . vs)
  (let ((vecs (cons v vs)))
    (closc:check-all vector? "not a vector" 'vector-for-each vecs)
    (let ((n (closc:min-length vector-length vecs)))
      (let loop ((i 0))
        (if (< i n)
            (begin
              (if (null? vs)
                  (f (vector-ref v i))
                  (%%apply f (closc:refs vector-ref vecs i)))
              (loop (+ i 1))))))))

;;; Promises (R7RS 4.2.5): #(closc:promise-tag box), box = (done? . value-or-thunk).
;;; Promises that delay-force chains make share one box, so forcing is
;;; iterative (constant space) as R7RS requires.

(define closc:promise-tag (list 'promise))

(define (closc:promise done? value)
  (vector closc:promise-tag (cons done? value)))

(define (closc:make-lazy-promise thunk) (closc:promise #f thunk))

(define (closc:promise-done value) (closc:promise #t value))

(define (promise? x)
  (if (vector? x)
      (if (= (vector-length x) 2) (eq? (vector-ref x 0) closc:promise-tag) #f)
      #f))

(define (make-promise x) (if (promise? x) x (closc:promise-done x)))

(define (force p)
  (if (promise? p)
      (let ((box (vector-ref p 1)))
        (if (car box)
            (cdr box)
            (let ((p2 ((cdr box))))
              ;; The thunk may have forced p itself: then its value stands.
              (if (car (vector-ref p 1))
                  (cdr (vector-ref p 1))
                  (if (promise? p2)
                      (let ((box2 (vector-ref p2 1)))
                        (set-car! (vector-ref p 1) (car box2))
                        (set-cdr! (vector-ref p 1) (cdr box2))
                        (vector-set! p2 1 (vector-ref p 1))
                        (force p))
                      (error "force: delay-force expression did not yield a promise" p2))))))
      p))

;;; Parameters: a closure over the value and the converter. Called with no
;;; argument it returns the value; `closc:parameterize` uses a private
;;; protocol (first argument closc:param-tag) to convert and to set.

(define closc:param-tag (list 'parameter))

(define (make-parameter value . converter)
  (let ((convert (if (null? converter) (lambda (x) x) (car converter))))
    (let ((value (convert value)))
      (lambda args
        (if (null? args)
            value
            (if (if (pair? (cdr args)) (eq? (car args) closc:param-tag) #f)
                (if (eq? (car (cdr args)) 'convert)
                    (convert (car (cdr (cdr args))))
                    (set! value (car (cdr (cdr args)))))
                (error "parameter: expected no arguments, got" args)))))))

(define (closc:parameterize params vals thunk)
  (let ((new (map (lambda (p v) (p closc:param-tag 'convert v)) params vals)))
    (let ((old (map (lambda (p) (p)) params)))
      (for-each (lambda (p v) (p closc:param-tag 'set v)) params new)
      (let ((result (thunk)))
        (for-each (lambda (p v) (p closc:param-tag 'set v)) params old)
        result))))

;;; case-lambda: clauses are ((required . rest?) . procedure), tried in order.
(define (closc:case-lambda clauses)
  (lambda args
    (let ((n (length args)))
      (let loop ((cs clauses))
        (if (null? cs)
            (error "case-lambda: no clause accepts this many arguments" n)
            (let ((arity (car (car cs))))
              (if (if (cdr arity) (>= n (car arity)) (= n (car arity)))
                  (%%apply (cdr (car cs)) args)
                  (loop (cdr cs)))))))))

;; Multiple values (R7RS 6.10): `values` is a builtin making a values object
;; (see runtime/src/control.rs); `%values->list` takes it apart.
(define (call-with-values producer consumer)
  (%%apply consumer (%values->list (producer))))

;; Integer division and square root with two results (R7RS 6.2.6).
(define (floor/ n d) (values (floor-quotient n d) (floor-remainder n d)))

(define (truncate/ n d) (values (truncate-quotient n d) (truncate-remainder n d)))

(define (exact-integer-sqrt n)
  (let ((s+r (%exact-integer-sqrt n)))
    (values (car s+r) (cdr s+r))))
