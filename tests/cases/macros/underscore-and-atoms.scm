;; `_` matches anything without binding; literal data in patterns match by equal?.
(define-syntax second
  (syntax-rules () ((_ _ b . _) 'b)))
(display (second 1 2 3 4)) (newline)
(define-syntax num-name
  (syntax-rules ()
    ((_ 0) 'zero)
    ((_ 1) 'one)
    ((_ "two") 'two-string)
    ((_ #t) 'true)
    ((_ #\c) 'char-c)
    ((_ ()) 'empty)
    ((_ x) 'other)))
(display (list (num-name 0) (num-name 1) (num-name "two") (num-name #t)
               (num-name #\c) (num-name ()) (num-name 5))) (newline)
(define-syntax ignore-all
  (syntax-rules () ((_ _ ...) 'ignored)))
(display (ignore-all 1 (2 3) #(4))) (newline)
