; hand-written .out: closc's messages for errors raised by builtins (Chez's
; conditions differ). Every kind of word as a vector index: the inline
; check must send each non-index to the error, and each index to its element.
(define (try thunk)
  (guard (e ((error-object? e)
             (display (error-object-message e))
             (display " | ")
             (write (error-object-irritants e))
             (newline)))
    (write (thunk))
    (newline)))
(define v (vector 'a 'b 'c))
(define (ref i) (lambda () (vector-ref v i)))
(define (set i) (lambda () (vector-set! v i 'z) v))
(for-each (lambda (i) (try (ref i)))
          (list 0 2 3 -1 -2 1.0 #\a #t '() 'x (expt 2 62) (- (expt 2 62))
                4611686018427387903 -4611686018427387904))
(for-each (lambda (i) (try (set i)))
          (list 1 3 -1 2.0 #\b (expt 2 70)))
