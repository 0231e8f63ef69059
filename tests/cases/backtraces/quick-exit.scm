; The error happens in the quick exit copied in front of a call to
; leaf-sum: the message points into leaf-sum's body, and the backtrace
; still shows one leaf-sum frame per Scheme-level call.
(define (leaf-sum t)
  (if (pair? t)
      (+ (leaf-sum (car t)) (leaf-sum (cdr t)))
      (if (null? t) 0 (+ t 0))))
(display (leaf-sum '(1 (2 3))))
(newline)
(display (leaf-sum '(1 (2 x))))
