;; Named lets that read one variable of their procedure (compiled with that
;; variable as their closure argument): the loop must behave the same
;; whether the variable holds a fixnum, a bignum, a flonum or something
;; that is no number at all.

(define (count-to n)
  (let loop ((i 0) (acc 0))
    (if (>= i n) acc (loop (+ i 1) (+ acc i)))))

(define (countdown-by step)
  (let loop ((k 20) (seen '()))
    (if (< k 0) (reverse seen) (loop (- k step) (cons k seen)))))

(display (count-to 10)) (newline)
(display (count-to 0)) (newline)
(display (count-to 10.5)) (newline)
(display (count-to (/ 7 2))) (newline)
(display (count-to (- (expt 2 62) (expt 2 62) -5))) (newline)
(display (countdown-by 3)) (newline)
(display (countdown-by 2.5)) (newline)
(display (countdown-by (expt 2 70))) (newline)
(display (guard (e (#t 'not-a-number)) (count-to 'ten))) (newline)
