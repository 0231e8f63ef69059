;; Continuations captured one after another in a loop, where each capture
;; finds only the frames the previous one left running, kept and resumed
;; later, out of order and more than once. Every resumption must see the
;; bindings of its own iteration (R7RS 6.10: the continuation is the rest of
;; the computation as of the capture), with the values live across the
;; capture (a, b, c, acc) intact.

(define saved '())

;; Captures at each of n iterations; the loop's own variables stay live
;; across the call/cc so that they sit in its frame.
(define (capture-loop n)
  (let loop ((i 0) (acc '()))
    (if (= i n)
        (reverse acc)
        (let* ((a (* i 10)) (b (+ a 1)) (c (list a b)))
          (let ((r (call-with-current-continuation
                    (lambda (k)
                      (set! saved (cons (cons i k) saved))
                      'first))))
            (loop (+ i 1) (cons (list i r a b c) acc)))))))

(define (under d thunk)
  (if (= d 0) (thunk) (let ((v (under (- d 1) thunk))) (cons d v))))

;; The first run returns normally; each resumption re-runs the rest of the
;; loop from its iteration, so the list it returns starts over from there.
(define (resume-out-of-order order)
  (let ((results '()) (resumed 0))
    (let ((outcome (under 3 (lambda () (capture-loop 5)))))
      (set! results (cons outcome results))
      (if (pair? order)
          (let ((i (car order)))
            (set! order (cdr order))
            (set! resumed (+ resumed 1))
            ((cdr (assv i saved)) (list 'again resumed))))
      (for-each (lambda (r) (write r) (newline)) (reverse results))
      (display "resumed ") (display resumed) (newline))))
(resume-out-of-order (list 2 4 0 2 3))

;; Escapes from below the capture point, in a loop: half through the
;; continuation, half by returning, with a value computed in each frame.
(define (escape-loop n)
  (let loop ((i 0) (sum 0))
    (if (= i n)
        sum
        (let ((x (* i 3)))
          (loop (+ i 1)
                (+ sum x (call-with-current-continuation
                          (lambda (k)
                            (if (even? i)
                                (under 5 (lambda () (k i)))
                                (- i))))))))))
(display (escape-loop 100000)) (newline)
(display (under 4 (lambda () (escape-loop 1000)))) (newline)
