;; apply spreads argument lists of every length: short ones (spread on the
;; stack by the runtime) and long ones; a rest parameter always receives a
;; newly allocated list (R7RS 4.1.4), also when the list came from apply.
(define (iota n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))

(define (rest-of . args) args)
(define (two-and-rest a b . rest) (list a b (length rest) (apply + rest)))

(for-each
 (lambda (n)
   (let* ((l (iota n))
          (r (apply rest-of l)))
     ;; the rest list is a copy: changing it leaves the argument list alone
     (if (pair? r) (set-car! r 'changed))
     (display (list n (length r) (equal? l (iota n)) (apply + l) (apply max 0 l)
                    (length (apply list l)) (eq? l (apply list l))))
     (newline)))
 '(0 1 2 15 16 17 18 40 1000))

(display (two-and-rest 1 2))
(newline)
(display (apply two-and-rest (iota 17)))
(newline)
(display (apply two-and-rest 'x (iota 16)))
(newline)
;; a variadic builtin passed as a value, applied to lists of every length
(define ops (list + * max min list vector))
(for-each
 (lambda (n)
   (display (map (lambda (op) (let ((v (apply op (map (lambda (i) (+ i 1)) (iota n)))))
                                (if (number? v) (modulo v 1000003) (if (vector? v) (vector-length v) (length v)))))
                 (if (= n 0) (list + * list vector) ops)))
   (newline))
 '(0 1 2 16 17 64))
