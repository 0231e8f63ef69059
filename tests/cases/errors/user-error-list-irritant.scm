; Irritants that are compound data are printed with write.
(define (validate x)
  (if (pair? x)
      (error "bad value" x (vector 4))
      x))
(display (validate 7)) (newline)
(validate (list 1 "two" #\3))
