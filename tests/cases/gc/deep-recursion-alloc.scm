; 2*10^5-deep recursion that allocates in every frame, so collections happen
; with many live frames whose values must all be updated.
(define (deep n)
  (if (= n 0)
      '()
      (let ((here (list n (* n 2))))
        (let ((rest (deep (- n 1))))
          (cons (+ (car here) (cadr here)) rest)))))
(define (sum l acc) (if (null? l) acc (sum (cdr l) (+ acc (car l)))))
(display (sum (deep 200000) 0))
(newline)
