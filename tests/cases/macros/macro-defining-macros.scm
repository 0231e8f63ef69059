;; Macros whose expansion defines other macros, including with (... ...).
(define-syntax def-const-macro
  (syntax-rules ()
    ((_ name val) (define-syntax name (syntax-rules () ((_) val))))))
(def-const-macro five 5)
(def-const-macro hello "hello")
(display (list (five) (hello))) (newline)
(define-syntax def-adder
  (syntax-rules ()
    ((_ name n)
     (define-syntax name
       (syntax-rules ()
         ((_ x (... ...)) (+ n x (... ...))))))))
(def-adder add10 10)
(display (add10 1 2 3)) (newline)
(display (add10)) (newline)
(define-syntax def-alias
  (syntax-rules ()
    ((_ new old) (define-syntax new (syntax-rules () ((_ args (... ...)) (old args (... ...))))))))
(def-alias my-plus +)
(def-alias my-when when)
(display (my-plus 1 2 3)) (newline)
(my-when #t (display "when via alias") (newline))
(define (f x)
  (def-const-macro local-seven 7)
  (+ x (local-seven)))
(display (f 1)) (newline)
