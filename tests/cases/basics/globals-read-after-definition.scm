; hand-written .out: Chez --script runs each top-level form on its own, so
; re-entering a definition does not run the forms after it again there.
; A global that an earlier top-level form defined or assigned is read without
; an unbound check in later forms (it cannot be unbound there). Reads from
; lambdas made before the definition, and reads in the same form, keep
; their check; those are in the errors/ cases. Here: every such read sees
; the latest value, including after a continuation re-enters an earlier form.
(define a 1)
(define b (+ a 1))
(display (list a b))
(newline)
(set! a 10)
(display (+ a b))
(newline)
(define (get-c) c)
(define c 'c-value)
(display (get-c))
(newline)
(define k #f)
(define visits 0)
(define d (call/cc (lambda (c) (set! k c) 1)))
(set! visits (+ visits 1))
(display (list 'd d 'visits visits))
(newline)
(if (< visits 3) (k (* d 10)))
(display (list 'done d))
(newline)
