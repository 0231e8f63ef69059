;;; nqueens: count the placements of N queens for N = 7..11 by backtracking over lists (cons/append allocation, non-tail recursion).

;; Integers lo..hi as a list.
(define (range lo hi)
  (if (> lo hi) '() (cons lo (range (+ lo 1) hi))))

;; Can a queen go in column COL of the next row, given PLACED (most recent first)?
(define (safe? col placed)
  (let check ((rest placed) (dist 1))
    (cond ((null? rest) #t)
          ((let ((c (car rest)))
             (or (= c col) (= (abs (- c col)) dist)))
           #f)
          (else (check (cdr rest) (+ dist 1))))))

;; Every way of completing PLACED to N rows, as a list of solutions.
(define (solutions n row placed cols)
  (if (= row n)
      (list placed)
      (let try ((cs cols) (found '()))
        (if (null? cs)
            found
            (try (cdr cs)
                 (if (safe? (car cs) placed)
                     (append (solutions n (+ row 1) (cons (car cs) placed) cols) found)
                     found))))))

(define (queens n) (length (solutions n 0 '() (range 1 n))))

(define (run times)
  (let loop ((i 0) (counts '()))
    (if (= i times)
        counts
        (loop (+ i 1) (map queens '(7 8 9 10 11))))))

(display (run 8))
(newline)
