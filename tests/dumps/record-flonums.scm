;; Which record fields codegen's arithmetic treats as possible flonums: a
;; field some constructor call or modifier may store a flonum into.
(define-record-type particle (make-particle pos count) particle?
  (pos particle-pos set-particle-pos!)     ; flonums from the constructor
  (count particle-count set-particle-count!) ; fixnums only: no hint
  (speed particle-speed set-particle-speed!)) ; a flonum from the modifier
(define (step! p dt)
  (set-particle-speed! p (* 2.0 dt))
  (set-particle-pos! p (+ (particle-pos p) (* dt (particle-speed p))))
  (set-particle-count! p (+ (particle-count p) 1)))
(define (local-records n)     ; a record type bound in a body: a `let` of the type
  (define-record-type box2 (make-box2 w) box2? (w box2-w set-box2-w!)) ; and a `fix`
  (let ((b (make-box2 n)))     ; of its procedures, called directly, so the modifier's
    (set-box2-w! b (/ n 2.0))  ; flonum hints box2's field w
    (box2-w b)))
(define p (make-particle 0.5 0))
(step! p 0.25)
(display (list (particle-pos p) (particle-count p) (particle-speed p) (local-records 3)))
(newline)
