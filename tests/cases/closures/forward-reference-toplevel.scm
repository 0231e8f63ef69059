; Top-level procedures may refer to procedures and variables defined later
; in the file, as long as they are defined by the time they are called.
(define (start n) (ping n '()))

(define (ping n trail)
  (if (= n 0)
      (reverse (cons 'done trail))
      (pong (- n 1) (cons 'ping trail))))

(define (pong n trail)
  (if (= n 0)
      (reverse (cons 'done trail))
      (ping (- n 1) (cons 'pong trail))))

(display (start 5)) (newline)

(define (check-parity n) (list (is-even? n) (is-odd? n)))
(define (is-even? n) (if (= n 0) #t (is-odd? (- n 1))))
(define (is-odd? n) (if (= n 0) #f (is-even? (- n 1))))

(display (check-parity 100)) (newline)
(display (check-parity 7)) (newline)

(define (later-value) (* factor 2))
(define factor 21)
(display (later-value)) (newline)
(set! factor 50)
(display (later-value)) (newline)
