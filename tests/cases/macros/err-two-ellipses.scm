;; Two ellipses in one list of a pattern.
(define-syntax bad
  (syntax-rules ()
    ((_ a ... b ...) (list a ...))))
