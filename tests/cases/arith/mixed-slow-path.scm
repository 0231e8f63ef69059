;; Arithmetic and comparisons whose operands no analysis knows: compiled code
;; tries fixnums, then calls the runtime, which computes a flonum operation
;; (two flonums, or a flonum and a fixnum) at once. Its results must be the
;; generic ones: an exact 0 is an exact identity, a fixnum converts to the
;; nearest flonum, and comparisons stay exact beyond 2^53.
(define (add a b) (+ a b))
(define (sub a b) (- a b))
(define (mul a b) (* a b))
(define (div a b) (/ a b))
(define (lt a b) (< a b))
(define (le a b) (<= a b))
(define (gt a b) (> a b))
(define (ge a b) (>= a b))
(define (eq a b) (= a b))
(define (show . xs) (for-each (lambda (x) (write x) (display " ")) xs) (newline))
(define ops (list add sub mul div))
(define (all a b) (map (lambda (op) (op a b)) ops))
(show (all 1.5 2.25) (all 3 0.5) (all 0.5 3) (all -7 2.0))
(show (all 0 -0.0) (all -0.0 0) (all 0 2.5) (all 2.5 0))   ; exact 0: identity and (* 0 x) = 0
(show (add 0 -0.0) (sub 0 0.0) (mul 0 +inf.0) (mul 1 -0.0))
(show (all 9007199254740993 1.0))                          ; converted to the nearest flonum
(show (all 4611686018427387903 0.5) (all -4611686018427387904 2.0))
(show (all +inf.0 1) (all 1 +nan.0) (div 1 0.0) (div -1 0.0) (div 0.0 0.0))
(define (compare a b) (map (lambda (op) (op a b)) (list lt le gt ge eq)))
(show (compare 1 1.5) (compare 1.5 1) (compare 2 2.0) (compare 0 -0.0) (compare -0.0 0))
(show (compare 9007199254740993 9007199254740992.0))      ; beyond 2^53: exact
(show (compare 9007199254740992.0 9007199254740993))
(show (compare 4611686018427387903 4611686018427387904.0))
(show (compare 1 +nan.0) (compare +nan.0 +nan.0) (compare +inf.0 4611686018427387903))
(show (compare 1/3 0.3333333333333333) (compare 12345678901234567890123 1.2345678901234568e22))
(show (let loop ((i 0) (acc 0.0)) (if (= i 1000) acc (loop (+ i 1) (add acc (mul i 0.5))))))
