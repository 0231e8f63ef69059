;; Macros expanding to top-level definitions (define, begin of defines).
(define-syntax def-const
  (syntax-rules () ((_ n v) (define n v))))
(define-syntax def-pair
  (syntax-rules ()
    ((_ a b v) (begin (define a v) (define b (+ a 1))))))
(define-syntax def-getter
  (syntax-rules ()
    ((_ name val) (define (name) val))))
(def-const x 10)
(def-pair p q 5)
(def-getter get-x x)
(display (list x p q (get-x))) (newline)
(set! x 11)
(display (get-x)) (newline)
(define-syntax def-counter
  (syntax-rules ()
    ((_ next reset)
     (begin
       (define count 0)
       (define (next) (set! count (+ count 1)) count)
       (define (reset) (set! count 0))))))
(def-counter next-a reset-a)
(def-counter next-b reset-b)
(next-a) (next-a) (next-b)
(display (list (next-a) (next-b))) (newline)
(reset-a)
(display (list (next-a) (next-b))) (newline)
(define count 'user-count)
(display (list count (next-a))) (newline)
