;; wordfreq: counts the words of text files and prints the most frequent.
;;
;;   wordfreq [-n N | --top=N] [-i | --ignore-case] [-m L | --min-length=L]
;;            [-h | --help] [FILE ...]
;;
;; A word is a run of letters, digits and apostrophes inside it. With no
;; FILE (or with "-") it reads standard input. Prints "COUNT WORD" lines,
;; most frequent first (ties in alphabetical order), then a total line.
;; Exit status: 0, 1 if a file could not be read (the others are still
;; counted), 2 for a usage error.
(import (scheme base) (scheme char) (scheme file) (scheme write)
        (scheme process-context) (srfi 37) (srfi 69) (srfi 132))

(define (usage port)
  (display "usage: wordfreq [-n N] [-i] [-m LENGTH] [FILE ...]\n" port)
  (display "  -n, --top=N            print the N most frequent words (default 10)\n" port)
  (display "  -i, --ignore-case      count words regardless of case\n" port)
  (display "  -m, --min-length=L     ignore words shorter than L characters\n" port)
  (display "  -h, --help             print this help\n" port))

(define (fail message . irritants)
  (let ((port (current-error-port)))
    (display "wordfreq: " port)
    (display message port)
    (for-each (lambda (x) (display " " port) (write x port)) irritants)
    (newline port)
    (exit 2)))

(define (option-text name)
  (if (char? name) (string #\- name) (string-append "--" name)))

(define (count-argument name arg)
  (let ((n (and arg (string->number arg))))
    (cond ((not arg) (fail (string-append "option " (option-text name) " needs a count")))
          ((and (exact-integer? n) (>= n 0)) n)
          (else (fail (string-append "option " (option-text name) " needs a count, not")
                      arg)))))

;; The settings are an association list; options push onto it.
(define options
  (list (option '(#\n "top") #t #f
                (lambda (opt name arg settings files)
                  (values (cons (cons 'top (count-argument name arg)) settings) files)))
        (option '(#\i "ignore-case") #f #f
                (lambda (opt name arg settings files)
                  (values (cons (cons 'fold #t) settings) files)))
        (option '(#\m "min-length") #t #f
                (lambda (opt name arg settings files)
                  (values (cons (cons 'min (count-argument name arg)) settings) files)))
        (option '(#\h "help") #f #f
                (lambda (opt name arg settings files)
                  (usage (current-output-port))
                  (exit 0)))))

(define (setting settings key default)
  (let ((entry (assq key settings)))
    (if entry (cdr entry) default)))

(define (word-char? c)
  (or (char-alphabetic? c) (char-numeric? c)))

;; Calls (found WORD) for each word of PORT.
(define (for-each-word found port)
  (let loop ((chars '()))
    (let ((c (read-char port)))
      (cond ((and (not (eof-object? c))
                  (or (word-char? c)
                      (and (char=? c #\') (pair? chars) (word-char? (peek-char* port)))))
             (loop (cons c chars)))
            (else
             (if (pair? chars) (found (list->string (reverse chars))))
             (if (not (eof-object? c)) (loop '())))))))

(define (peek-char* port)
  (let ((c (peek-char port)))
    (if (eof-object? c) #\space c)))

(define (main args)
  (let-values (((settings files)
                (args-fold args options
                           (lambda (opt name arg settings files)
                             (usage (current-error-port))
                             (fail "unknown option" (option-text name)))
                           (lambda (file settings files)
                             (values settings (cons file files)))
                           '() '())))
    (let ((table (make-hash-table string=? string-hash))
          (fold? (setting settings 'fold #f))
          (min-length (setting settings 'min 1))
          (top (setting settings 'top 10))
          (status 0))
      (define (count! word)
        (let ((word (if fold? (string-foldcase word) word)))
          (if (>= (string-length word) min-length)
              (hash-table-update!/default table word (lambda (n) (+ n 1)) 0))))
      (for-each
       (lambda (file)
         (if (string=? file "-")
             (for-each-word count! (current-input-port))
             (guard (e ((file-error? e)
                        (display "wordfreq: cannot read " (current-error-port))
                        (write file (current-error-port))
                        (newline (current-error-port))
                        (set! status 1)))
               (call-with-input-file file
                 (lambda (port) (for-each-word count! port))))))
       (if (null? files) '("-") (reverse files)))
      (let* ((entries (list-sort (lambda (a b)
                                   (or (> (cdr a) (cdr b))
                                       (and (= (cdr a) (cdr b))
                                            (string<? (car a) (car b)))))
                                 (hash-table->alist table)))
             (total (apply + (map cdr entries))))
        (let loop ((entries entries) (n 0))
          (when (and (pair? entries) (< n top))
            (display (cdar entries))
            (display " ")
            (display (caar entries))
            (newline)
            (loop (cdr entries) (+ n 1))))
        (display "total: ")
        (display total)
        (display " words, ")
        (display (length entries))
        (display " distinct")
        (newline))
      (exit status))))

(main (cdr (command-line)))
