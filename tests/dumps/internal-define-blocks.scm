;; A body's definitions are a letrec*, split into blocks that refer to
;; nothing defined after them: a constant is a `let`, procedures a `fix`
;; (direct calls, no boxes), and only a group where an init may run
;; before a later definition is bound and then assigned.
(define (blocks n)
  (define base 10)                     ; let
  (define (scale x) (* x base))        ; fix
  (define (loop i acc)                 ; fix: a loop calling `scale` directly
    (if (= i n) acc (loop (+ i 1) (+ acc (scale i)))))
  (define total (loop 0 0))            ; let
  (define (get) total)                 ; fix
  (get))
(define (tangled)
  (define (early) late)                ; early reads late, defined after x:
  (define x (list early))              ; early, x and late are one block,
  (define late 5)                      ; bound and then assigned in order
  ((car x)))
(display (list (blocks 5) (tangled)))
(newline)
