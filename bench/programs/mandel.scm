;;; mandel: escape-time Mandelbrot set on a 400x300 grid, 256 iterations at most (flonum + - * and comparisons in a tight loop).

(define max-iter 256)

;; Iterations before z = z^2 + c leaves the radius-2 disc (max-iter if it never does).
(define (escape cr ci)
  (let loop ((zr 0.0) (zi 0.0) (i 0))
    (cond ((= i max-iter) i)
          ((> (+ (* zr zr) (* zi zi)) 4.0) i)
          (else (loop (+ (- (* zr zr) (* zi zi)) cr)
                      (+ (* 2.0 zr zi) ci)
                      (+ i 1))))))

(define (scan width height x0 y0 x1 y1)
  (let ((dx (/ (- x1 x0) width))
        (dy (/ (- y1 y0) height)))
    (let rows ((y 0) (inside 0) (total 0))
      (if (= y height)
          (list inside total)
          (let cols ((x 0) (inside inside) (total total))
            (if (= x width)
                (rows (+ y 1) inside total)
                (let ((n (escape (+ x0 (* dx (exact->inexact x)))
                                 (+ y0 (* dy (exact->inexact y))))))
                  (cols (+ x 1)
                        (if (= n max-iter) (+ inside 1) inside)
                        (+ total n)))))))))

(display (scan 400 300 -2.0 -1.2 1.0 1.2))
(newline)
(display (scan 200 200 -0.8 0.0 -0.6 0.2))
(newline)
