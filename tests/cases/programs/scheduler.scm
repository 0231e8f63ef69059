;; Cooperative threads built from call/cc, a mailbox per thread, a
;; priority event queue, parameterize for the current "thread name",
;; dynamic-wind for entry/exit bookkeeping, exceptions crossing thread
;; switches, and lazy streams for the job input. A portable R7RS program.
(import (scheme base)
        (scheme write)
        (scheme lazy))

;;; A binary-heap priority queue of (time seq . thunk) entries.
(define-record-type pqueue
  (%make-pqueue items size seq)
  pqueue?
  (items pq-items set-pq-items!)
  (size pq-size set-pq-size!)
  (seq pq-seq set-pq-seq!))

(define (make-pqueue) (%make-pqueue (make-vector 4 #f) 0 0))

(define (entry<? a b)
  (or (< (car a) (car b))
      (and (= (car a) (car b)) (< (cadr a) (cadr b)))))

(define (pq-swap! v i j)
  (let ((t (vector-ref v i)))
    (vector-set! v i (vector-ref v j))
    (vector-set! v j t)))

(define (pq-insert! q time thunk)
  (when (= (pq-size q) (vector-length (pq-items q)))
    (let ((bigger (make-vector (* 2 (pq-size q)) #f)))
      (vector-copy! bigger 0 (pq-items q))
      (set-pq-items! q bigger)))
  (let ((v (pq-items q)))
    (vector-set! v (pq-size q) (cons time (cons (pq-seq q) thunk)))
    (set-pq-seq! q (+ 1 (pq-seq q)))
    (let up ((i (pq-size q)))
      (let ((parent (quotient (- i 1) 2)))
        (when (and (> i 0) (entry<? (vector-ref v i) (vector-ref v parent)))
          (pq-swap! v i parent)
          (up parent))))
    (set-pq-size! q (+ 1 (pq-size q)))))

(define (pq-empty? q) (zero? (pq-size q)))

(define (pq-pop! q)
  (let* ((v (pq-items q))
         (top (vector-ref v 0))
         (n (- (pq-size q) 1)))
    (vector-set! v 0 (vector-ref v n))
    (vector-set! v n #f)
    (set-pq-size! q n)
    (let down ((i 0))
      (let* ((l (+ 1 (* 2 i)))
             (r (+ 2 (* 2 i)))
             (m (if (and (< l n) (entry<? (vector-ref v l) (vector-ref v i))) l i))
             (m (if (and (< r n) (entry<? (vector-ref v r) (vector-ref v m))) r m)))
        (unless (= m i)
          (pq-swap! v i m)
          (down m))))
    top))

;;; The scheduler: each thread is a continuation waiting in the queue.
(define queue (make-pqueue))
(define now 0)
(define current-thread (make-parameter 'main))
(define log '())
(define (note! . items) (set! log (cons (cons now items) log)))
(define scheduler-exit #f)

(define (spawn! name delay body)
  (pq-insert! queue (+ now delay)
              (lambda ()
                (parameterize ((current-thread name))
                  (dynamic-wind
                   (lambda () (note! 'enter name))
                   (lambda ()
                     (guard (e ((string? e) (note! 'caught name e)))
                       (body))
                     (note! 'done name))
                   (lambda () (note! 'leave name))))
                (scheduler-exit #f))))

;; Suspend the running thread for `delay` ticks.
(define (sleep! delay)
  (call/cc
   (lambda (k)
     (pq-insert! queue (+ now delay) (lambda () (k #t)))
     (scheduler-exit #f))))

(define (run-scheduler!)
  (let loop ()
    (unless (pq-empty? queue)
      (let ((entry (pq-pop! queue)))
        (set! now (car entry))
        (call/cc (lambda (k) (set! scheduler-exit k) ((cddr entry))))
        (loop)))))

;;; Job input: an infinite lazy stream of squares, forced on demand.
(define (stream-from n)
  (delay (cons (* n n) (stream-from (+ n 1)))))
(define (stream-take s k)
  (if (zero? k) '() (let ((p (force s))) (cons (car p) (stream-take (cdr p) (- k 1))))))
(define forced 0)
(define squares
  (let loop ((n 1))
    (delay-force (begin (set! forced (+ forced 1))
                        (delay (cons (* n n) (loop (+ n 1))))))))

;;; Three workers sharing a mailbox.
(define mailbox '())
(define (send! x) (set! mailbox (append mailbox (list x))))

(spawn! 'producer 0
        (lambda ()
          (for-each (lambda (x) (send! x) (note! 'sent (current-thread) x) (sleep! 2))
                    (stream-take squares 4))))
(spawn! 'consumer 1
        (lambda ()
          (let loop ((got 0))
            (when (< got 4)
              (if (null? mailbox)
                  (begin (sleep! 1) (loop got))
                  (let ((x (car mailbox)))
                    (set! mailbox (cdr mailbox))
                    (note! 'received (current-thread) x)
                    (loop (+ got 1))))))))
(spawn! 'failer 3
        (lambda ()
          (sleep! 1)
          (raise "failed on purpose")))
(spawn! 'quick 5 (lambda () (note! 'hello (current-thread))))

(run-scheduler!)

(for-each (lambda (entry) (write entry) (newline)) (reverse log))
(display "final time: ") (display now) (newline)
(display "current thread after: ") (display (current-thread)) (newline)
(display "stream cells forced: ") (display forced) (newline)
(display "again, no new forcing: ")
(display (stream-take squares 3)) (display " ") (display forced) (newline)
(display "plain stream: ") (display (stream-take (stream-from 5) 3)) (newline)
;; The heap keeps order among equal times (first in, first out).
(let ((q (make-pqueue)))
  (for-each (lambda (t name) (pq-insert! q t name)) '(3 1 3 2 1 3) '(a b c d e f))
  (let loop ((out '()))
    (if (pq-empty? q)
        (begin (display (reverse out)) (newline))
        (loop (cons (cddr (pq-pop! q)) out)))))
