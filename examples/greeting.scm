;; A closure remembers the binding it was made with: `make-greeter` returns a
;; new procedure each time, and each one keeps its own message.
(define (make-greeter message)
  (lambda (name)
    (display message)
    (display ", ")
    (display name)
    (display "!")
    (newline)))

(define hi (make-greeter "Hi"))
(define bye (make-greeter "Bye"))

(hi "Alice")
(bye "Bob")
(hi "Carol")
