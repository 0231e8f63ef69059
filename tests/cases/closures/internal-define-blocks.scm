;; Internal definitions are a letrec*; the compiler binds runs of them as
;; `let`s and `fix`es where nothing refers ahead. These check that the
;; bindings stay bindings: shared by every closure, assigned through any of
;; them, fresh on every call.

;; A constant, then procedures that assign it: every closure sees one binding.
(define (make-counter start)
  (define n start)
  (define (inc!) (set! n (+ n 1)) n)
  (define (get) n)
  (define (reset!) (set! n start))
  (list inc! get reset!))
(define c1 (make-counter 10))
(define c2 (make-counter 100))
((car c1)) ((car c1)) ((car c2))
(display (list ((cadr c1)) ((cadr c2)))) (newline)       ; (12 101)
((caddr c1))
(display (list ((cadr c1)) ((cadr c2)))) (newline)       ; (10 101)

;; A value computed by calling procedures defined before it, then used by
;; procedures defined after it.
(define (table-of n)
  (define (square x) (* x x))
  (define squares (let loop ((i 0) (acc '())) (if (= i n) (reverse acc) (loop (+ i 1) (cons (square i) acc)))))
  (define total (apply + squares))
  (define (share i) (/ (list-ref squares i) total))
  (map share '(1 2 3)))
(display (table-of 4)) (newline)                          ; (1/14 2/7 9/14)

;; A definition shadowing a builtin, used by later definitions.
(define (shadowing xs)
  (define car cdr)
  (define (second ys) (car ys))
  (define first-rest (second xs))
  (list first-rest (second first-rest)))
(display (shadowing '(1 2 3))) (newline)                  ; ((2 3) (3))

;; A procedure referring ahead to a procedure after a constant: one group.
(define (ahead x)
  (define (f y) (g (+ y base)))
  (define base 100)
  (define (g z) (* z 2))
  (f x))
(display (ahead 1)) (newline)                             ; 202

;; A loop of 10^6 iterations in a procedure defined after a constant: it must
;; not grow the stack.
(define (count-up n)
  (define step 1)
  (define (loop i acc) (if (= i n) acc (loop (+ i step) (+ acc step))))
  (loop 0 0))
(display (count-up 1000000)) (newline)                    ; 1000000

;; Each call makes fresh bindings: closures from two calls do not share.
(define (make-cell v)
  (define contents v)
  (define (get) contents)
  (define (set v) (set! contents v))
  (cons get set))
(define a (make-cell 'a))
(define b (make-cell 'b))
((cdr a) 'changed)
(display (list ((car a)) ((car b)))) (newline)            ; (changed b)

;; define-values and define-record-type among the definitions.
(define (parts n)
  (define-values (q r) (floor/ n 7))
  (define-record-type pair2 (make-pair2 x y) pair2? (x pair2-x) (y pair2-y set-pair2-y!))
  (define p (make-pair2 q r))
  (define (bump!) (set-pair2-y! p (+ (pair2-y p) 0.5)))
  (bump!)
  (list (pair2-x p) (pair2-y p) (pair2? p) (pair2? q)))
(display (parts 23)) (newline)                            ; (3 2.5 #t #f)

;; Closures made in a loop inside a body capture each iteration's binding.
(define (thunks n)
  (define base 1000)
  (define made (let loop ((i 0) (acc '())) (if (= i n) acc (loop (+ i 1) (cons (lambda () (+ base i)) acc)))))
  (map (lambda (t) (t)) made))
(display (thunks 3)) (newline)                            ; (1002 1001 1000)
