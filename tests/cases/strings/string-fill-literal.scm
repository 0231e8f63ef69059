; hand-written .out: string literals are immutable in closc (not in Chez 9.5).
(define (greeting) "hello")
(write (greeting))
(newline)
(string-fill! (greeting) #\z)
