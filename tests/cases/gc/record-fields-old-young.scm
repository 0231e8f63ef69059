;; Young objects stored into the fields of records that have grown old: the
;; inline modifier's write barrier must remember the record, or a minor
;; collection frees the young value.
(define-record-type cell (make-cell value next) cell? (value cell-value set-cell-value!) (next cell-next set-cell-next!))
(define cells
  (let loop ((i 0) (acc '()))
    (if (= i 200) acc (loop (+ i 1) (cons (make-cell i #f) acc)))))
;; Enough garbage that the cells are promoted out of the nursery.
(define (churn n) (let loop ((i 0) (l '())) (if (= i n) (length l) (loop (+ i 1) (if (> (length l) 50) '() (cons (make-vector 8 i) l))))))
(churn 400000)
(for-each (lambda (c) (set-cell-value! c (list (cell-value c) (make-string 3 #\x)))
                      (set-cell-next! c (make-cell (* 2 (car (cell-value c))) '())))
          cells)
(churn 400000)
(display (apply + (map (lambda (c) (car (cell-value c))) cells))) (newline)
(display (apply + (map (lambda (c) (cell-value (cell-next c))) cells))) (newline)
(display (apply + (map (lambda (c) (string-length (cadr (cell-value c)))) cells))) (newline)
