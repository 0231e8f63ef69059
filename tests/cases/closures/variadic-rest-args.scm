; Closures with required parameters followed by a rest parameter.
(define (make-logger prefix)
  (lambda (level . items)
    (list prefix level items (length items))))

(define logger (make-logger 'app))
(write (logger 'info)) (newline)
(write (logger 'warn "disk" 90)) (newline)
(write (logger 'error 1 2 3 4 5)) (newline)

(define f (lambda (a b . rest) (list a b rest)))
(write (f 1 2)) (newline)
(write (f 1 2 3)) (newline)
(write (f 1 2 3 4)) (newline)

(define (sum-all first . more)
  (let loop ((acc first) (l more))
    (if (null? l) acc (loop (+ acc (car l)) (cdr l)))))
(display (sum-all 5)) (newline)
(display (sum-all 1 2 3 4 5 6 7 8 9 10)) (newline)
