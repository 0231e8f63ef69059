; Well-known lambdas of one letrec that keep records share one record: the
; union of their free variables. Every member must read its own variables
; from it, call the others through it, and survive collections (GC stress)
; and continuations, whatever subset of the union each one uses.
(define (three-way n a b c)
  (letrec ((ra (lambda (i acc) (if (= i n) (reverse acc) (rb (+ i 1) (cons (list 'a a i) acc)))))
           (rb (lambda (i acc) (if (= i n) (reverse acc) (rc (+ i 1) (cons (list 'b b i) acc)))))
           (rc (lambda (i acc) (if (= i n) (reverse acc) (ra (+ i 1) (cons (cons c n) acc))))))
    (ra 0 '())))
(display (three-way 7 'x "y" 2.5))
(newline)
; Non-tail calls between members, with allocation on every level.
(define (tree-count depth left right)
  (letrec ((l (lambda (d) (if (= d 0) (list left) (append (r (- d 1)) (l (- d 1))))))
           (r (lambda (d) (if (= d 0) (list right depth) (append (l (- d 1)) (list (vector d)))))))
    (length (l depth))))
(display (map (lambda (d) (tree-count d 'p 'q)) '(0 1 2 3 10)))
(newline)
; A lambda made inside a member captures another member and calls it later;
; an escaping sibling in the same letrec (it needs its own record with code)
; refers to both.
(define (make-walkers k m)
  (letrec ((up (lambda (x) (if (> x m) (list 'top x k) (down (+ x k)))))
           (down (lambda (x) (if (< x 0) (list 'bottom x m) (up (+ x (* 2 k))))))
           (later (lambda () (lambda (x) (down x))))
           (escaping (lambda (x) (list (up x) (down x)))))
    (list ((later) 1) (escaping 3) escaping)))
(define walkers (make-walkers 3 20))
(display (list (car walkers) (cadr walkers) ((caddr walkers) 0)))
(newline)
; A continuation captured inside a member is re-entered after the loop
; has finished; the record must still hold the right values.
(define (resumable n tag1 tag2)
  (let ((k #f) (rounds 0))
    (letrec ((ping (lambda (i) (if (= i n) (begin (call/cc (lambda (c) (set! k c))) (list tag1 i)) (pong (+ i 1)))))
             (pong (lambda (i) (if (= i n) (list tag2 i) (ping (+ i 1))))))
      (let ((result (ping 0)))
        (set! rounds (+ rounds 1))
        (if (< rounds 3) (k #f))
        (list result rounds)))))
(display (list (resumable 4 'ping 'pong) (resumable 6 'ping 'pong)))
(newline)
