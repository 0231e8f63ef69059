;; Word frequencies: writes a text to a temporary file, reads it back line
;; by line, counts words in an association table kept in a vector of
;; buckets (a hand-written string hash), sorts with a merge sort, and times
;; itself with current-jiffy. A portable R7RS program.
(import (scheme base)
        (scheme char)
        (scheme file)
        (scheme write)
        (scheme time)
        (scheme process-context))

(define start (current-jiffy))

(define text
  '("It was the best of times, it was the worst of times,"
    "it was the age of wisdom, it was the age of foolishness,"
    "it was the epoch of belief, it was the epoch of incredulity,"
    "it was the season of Light, it was the season of Darkness,"
    "it was the spring of hope, it was the winter of despair."
    "We had everything before us, we had nothing before us;"
    "we were all going direct to Heaven, we were all going direct"
    "the other way."))

(define (base-name path)
  (let loop ((i (- (string-length path) 1)))
    (cond ((< i 0) path)
          ((char=? (string-ref path i) #\/) (substring path (+ i 1) (string-length path)))
          (else (loop (- i 1))))))

;; Unique per run mode: the JIT and the built executable may run at once.
(define file-name
  (string-append (or (get-environment-variable "TMPDIR") "/tmp")
                 "/wordfreq-" (base-name (car (command-line)))
                 (if (get-environment-variable "CLOSC_GC_STRESS") "-stress" "")
                 ".txt"))

(cond-expand
  ((and r7rs (not no-such-feature))
   (define platform-note "r7rs"))
  (else
   (define platform-note "unknown")))

(define (write-text!)
  (call-with-output-file file-name
    (lambda (port)
      (for-each (lambda (line) (write-string line port) (newline port)) text))))

;;; Splitting lines into lowercase words.
(define (split-words line)
  (let loop ((chars (string->list line)) (word '()) (words '()))
    (define (flush)
      (if (null? word) words (cons (list->string (reverse word)) words)))
    (cond
     ((null? chars) (reverse (flush)))
     ((char-alphabetic? (car chars))
      (loop (cdr chars) (cons (char-downcase (car chars)) word) words))
     (else (loop (cdr chars) '() (flush))))))

;;; A string-keyed table: a vector of buckets of (key . count) pairs.
(define (string-hash s size)
  (let loop ((i 0) (h 0))
    (if (= i (string-length s))
        (modulo h size)
        (loop (+ i 1) (modulo (+ (* h 31) (char->integer (string-ref s i))) 1000003)))))

(define (make-table size) (make-vector size '()))

(define (table-increment! table key)
  (let* ((i (string-hash key (vector-length table)))
         (entry (assoc key (vector-ref table i))))
    (if entry
        (set-cdr! entry (+ (cdr entry) 1))
        (vector-set! table i (cons (cons key 1) (vector-ref table i))))))

(define (table->list table)
  (let loop ((i 0) (acc '()))
    (if (= i (vector-length table))
        acc
        (loop (+ i 1) (append (vector-ref table i) acc)))))

;;; A stable merge sort on lists.
(define (merge-lists a b less?)
  (cond ((null? a) b)
        ((null? b) a)
        ((less? (car b) (car a)) (cons (car b) (merge-lists a (cdr b) less?)))
        (else (cons (car a) (merge-lists (cdr a) b less?)))))

(define (merge-sort lst less?)
  (if (or (null? lst) (null? (cdr lst)))
      lst
      (let split ((slow lst) (fast (cdr lst)) (left '()))
        (if (or (null? fast) (null? (cdr fast)))
            (merge-lists (merge-sort (reverse (cons (car slow) left)) less?)
                         (merge-sort (cdr slow) less?)
                         less?)
            (split (cdr slow) (cddr fast) (cons (car slow) left))))))

(define (by-count-then-word a b)
  (or (> (cdr a) (cdr b))
      (and (= (cdr a) (cdr b)) (string<? (car a) (car b)))))

(define (count-file)
  (let ((table (make-table 17)))
    (call-with-input-file file-name
      (lambda (port)
        (let loop ((line (read-line port)) (lines 0))
          (if (eof-object? line)
              (values table lines)
              (begin
                (for-each (lambda (w) (table-increment! table w)) (split-words line))
                (loop (read-line port) (+ lines 1)))))))))

(define (pad-right s n)
  (if (>= (string-length s) n) s (pad-right (string-append s " ") n)))

(define (filter-once counts)
  (cond ((null? counts) '())
        ((= (cdar counts) 1) (cons (car counts) (filter-once (cdr counts))))
        (else (filter-once (cdr counts)))))

(write-text!)
(let-values (((table lines) (count-file)))
  (let* ((counts (merge-sort (table->list table) by-count-then-word))
         (total (apply + (map cdr counts))))
    (display "lines: ") (display lines) (newline)
    (display "words: ") (display total) (newline)
    (display "distinct: ") (display (length counts)) (newline)
    (let loop ((entries counts) (k 0))
      (when (and (pair? entries) (< k 10))
        (display (pad-right (caar entries) 12))
        (display (cdar entries))
        (newline)
        (loop (cdr entries) (+ k 1))))
    (display "words seen once: ")
    (write (map car (filter-once counts)))
    (newline)))


(delete-file file-name)
(display "file removed: ")
(display (not (file-exists? file-name)))
(newline)
(display "platform: ")
(display platform-note)
(newline)
(let ((elapsed (- (current-jiffy) start)))
  (display "elapsed is a non-negative integer: ")
  (display (and (exact-integer? elapsed) (>= elapsed 0) (> (jiffies-per-second) 0)))
  (newline))
(display "command line is a list of strings: ")
(display (and (list? (command-line)) (string? (car (command-line)))))
(newline)
(exit (if (get-environment-variable "WORDFREQ_FAIL") 3 0))
