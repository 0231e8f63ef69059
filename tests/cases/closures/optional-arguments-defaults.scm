; Optional arguments emulated with rest parameters; defaults captured from
; the enclosing scope.
(define (make-formatter default-width)
  (lambda (n . opts)
    (let* ((width (if (pair? opts) (car opts) default-width))
           (pad (if (and (pair? opts) (pair? (cdr opts))) (cadr opts) " "))
           (s (number->string n)))
      (let loop ((s s))
        (if (>= (string-length s) width)
            s
            (loop (string-append pad s)))))))

(define fmt (make-formatter 5))
(write (fmt 42)) (newline)
(write (fmt 42 8)) (newline)
(write (fmt 42 6 "0")) (newline)
(write (fmt 123456)) (newline)
(write (map (make-formatter 3) '(1 22 333 4444))) (newline)
