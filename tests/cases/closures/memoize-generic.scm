; A generic memoize: wraps any one-argument procedure with a private cache.
(define (memoize f)
  (let ((cache '()) (misses 0))
    (lambda (x)
      (if (eq? x 'stats)
          (list 'misses misses 'entries (length cache))
          (let ((hit (assoc x cache)))
            (if hit
                (cdr hit)
                (let ((v (f x)))
                  (set! misses (+ misses 1))
                  (set! cache (cons (cons x v) cache))
                  v)))))))

(define slow-square (lambda (x) (* x x)))
(define fast-square (memoize slow-square))
(display (map fast-square '(1 2 3 2 1 4))) (newline)
(display (fast-square 'stats)) (newline)

; memoized procedure keyed on lists (assoc uses equal?)
(define sum-list (memoize (lambda (l) (apply + l))))
(display (sum-list '(1 2 3))) (newline)
(display (sum-list (list 1 2 3))) (newline)
(display (sum-list 'stats)) (newline)

; recursive memoization: the memoized closure calls itself through a global
(define count-paths
  (memoize (lambda (p)
             (let ((r (car p)) (c (cdr p)))
               (if (or (= r 0) (= c 0))
                   1
                   (+ (count-paths (cons (- r 1) c))
                      (count-paths (cons r (- c 1)))))))))
(display (count-paths (cons 10 10))) (newline)
(display (count-paths (cons 16 16))) (newline)
