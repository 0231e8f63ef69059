; A letrec lambda's reference to its own variable is the closure it runs in,
; not a slot of its record. Each kind of self-reference must still see that
; very closure: loops that keep a record and call themselves in and out of
; tail position, a procedure that returns itself, a loop captured by the
; lambdas it makes, and mutual recursion, with allocation (and so moving
; collections under GC stress) between the calls.
(define (scaled-range n k)
  (let loop ((i 0))
    (if (= i n) '() (cons (* i k) (loop (+ i 1))))))
(display (scaled-range 5 3))
(newline)
; Returns itself: no other free variable, and callers outside call it
; through the returned value.
(define (self-returner)
  (letrec ((g (lambda (n) (if (= n 0) g (g (- n 1))))))
    (list (eq? g (g 3)) (eq? ((g 2) 0) g))))
(display (self-returner))
(newline)
; The loop keeps a record (two other free variables) and returns itself.
(define (counter-from a b)
  (letrec ((next (lambda (i) (if (> i (+ a b)) next (next (+ i 1))))))
    (let ((f (next 0)))
      (list (eq? f next) (procedure? (f 100))))))
(display (counter-from 2 3))
(newline)
; Lambdas made inside the loop capture it and call it later.
(define (thunks n label)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        acc
        (loop (+ i 1) (cons (lambda () (if (> i 0) (list label i (length (loop n '()))) label)) acc)))))
(display (map (lambda (t) (t)) (thunks 3 'x)))
(newline)
; Mutual recursion between loops that keep records, allocating as they go.
(define (zig n tag1 tag2)
  (letrec ((even (lambda (i acc) (if (= i n) (reverse acc) (odd (+ i 1) (cons (cons tag1 i) acc)))))
           (odd (lambda (i acc) (if (= i n) (reverse acc) (even (+ i 1) (cons (cons tag2 i) acc))))))
    (even 0 '())))
(display (zig 5 'e 'o))
(newline)
; Deep non-tail self-recursion through a record, with a vector per level.
(define (depth-sum n k)
  (let loop ((i 0))
    (if (= i n) 0 (+ (vector-ref (make-vector 3 (* i k)) 1) (loop (+ i 1))))))
(display (depth-sum 100000 2))
(newline)
