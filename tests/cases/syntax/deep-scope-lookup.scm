;; Name lookup through more nested scopes than a search looks at one by one
;; (the expander then uses its index of binding scopes): the innermost
;; binding wins, hygiene holds across the depth, and definitions bound late
;; in a body are seen from scopes made before them.

(define-syntax nest
  ;; (nest n body): body inside n nested scopes that bind nothing visible.
  (syntax-rules ()
    ((_ () body) body)
    ((_ (k . more) body) (let ((unused 'k)) (nest more body)))))

(define x 'global-x)

;; A parameter bound far out, read deep inside.
(define (far y)
  (nest (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)
        (list y x)))
(display (far 'param-y)) (newline)

;; Shadowing at several depths: each read sees the innermost binding.
(define (shadows)
  (let ((x 1))
    (nest (1 2 3 4 5 6 7 8 9 10 11 12)
          (let ((a x) (x 2))
            (nest (1 2 3 4 5 6 7 8 9 10)
                  (list a x (let ((x 3)) (nest (1 2 3 4 5 6 7 8 9) x))))))))
(display (shadows)) (newline)

;; A macro defined deep down whose template names an outer `x`: used deeper
;; still, under another `x`, it still means the one where it was defined.
(define (hygiene)
  (let ((x 'outer))
    (nest (1 2 3 4 5 6 7 8 9 10)
          (let-syntax ((get-x (syntax-rules () ((_) x))))
            (nest (1 2 3 4 5 6 7 8 9 10)
                  (let ((x 'inner))
                    (nest (1 2 3 4 5 6 7 8 9 10)
                          (list (get-x) x))))))))
(display (hygiene)) (newline)

;; A body's later definition, seen from a procedure (and a deep scope in it)
;; made before it: internal definitions are one scope, bound as found.
(define (late)
  (define (h) (nest (1 2 3 4 5 6 7 8 9 10 11) (list z x)))
  (define z 'late-z)
  (define x 'late-x)
  (h))
(display (late)) (newline)

;; A global shadowed by a far-out parameter, called deep inside.
(define (shadowed-global list)
  (nest (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (list 5)))
(display (shadowed-global (lambda (n) (* n n)))) (newline)

;; The same global unshadowed again in a sibling scope made afterwards.
(define (sibling)
  (nest (1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (list 5)))
(display (sibling)) (newline)
