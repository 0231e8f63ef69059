; A closure with 25 free variables.
(define (make-big v)
  (let ((a1 (+ v 1)) (a2 (+ v 2)) (a3 (+ v 3)) (a4 (+ v 4)) (a5 (+ v 5))
        (a6 (+ v 6)) (a7 (+ v 7)) (a8 (+ v 8)) (a9 (+ v 9)) (a10 (+ v 10))
        (a11 (+ v 11)) (a12 (+ v 12)) (a13 (+ v 13)) (a14 (+ v 14)) (a15 (+ v 15))
        (a16 (+ v 16)) (a17 (+ v 17)) (a18 (+ v 18)) (a19 (+ v 19)) (a20 (+ v 20))
        (a21 (+ v 21)) (a22 (+ v 22)) (a23 (+ v 23)) (a24 (+ v 24)) (a25 (+ v 25)))
    (lambda (k)
      (list (+ a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13
               a14 a15 a16 a17 a18 a19 a20 a21 a22 a23 a24 a25)
            (* k a1) (* k a13) (* k a25)
            (list a1 a5 a10 a15 a20 a25)))))

(define f0 (make-big 0))
(define f100 (make-big 100))
(display (f0 1)) (newline)
(display (f100 2)) (newline)
(display (f0 3)) (newline)
