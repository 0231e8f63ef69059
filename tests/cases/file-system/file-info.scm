; hand-written .out: (closc file-system), from lib/closc/file-system.sld's text.
;; file-info and its accessors (kind, size, modification time, permissions),
;; symbolic links followed or not, failures; temporary files and
;; directories; permission denied.
(import (scheme base) (scheme write) (scheme file) (closc file-system) (closc time)
        (only (closc process) system))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(define (outcome thunk)
  (guard (e ((file-error? e) (list 'file-error (error-object-message e)))
            ((error-object? e) (list 'error (error-object-message e)
                                     (error-object-irritants e))))
    (thunk)
    'ok))

;; A temporary directory of this run's own holds everything.
(define root (create-temporary-directory "closc-fs-info-"))
(show (path-absolute? root) (file-info-directory? (file-info root)))
(show (file-info-permissions (file-info root)))
(show (string=? (substring (path-name root) 0 14) "closc-fs-info-")
      (string-length (path-name root)))
(define (in name) (path-join root name))

(define text (in "data.txt"))
(with-output-to-file text (lambda () (display "héllo\n")))
(define info (file-info text))
(show (file-info? info) (file-info? 'x) (file-info-kind info) (file-info-size info))
(show (file-info-regular? info) (file-info-directory? info) (file-info-symbolic-link? info))
;; Permissions and modification time, set by the shell.
(system (string-append "chmod 640 " text " && touch -d @1000000000.25 " text))
(define info2 (file-info text))
(show (file-info-permissions info2) (= (file-info-permissions info2) #o640))
(define mtime (file-info-modification-time info2))
(show (time? mtime) (time-second mtime) (time-nanosecond mtime)
      (date->iso8601-string (time-utc->date mtime 0)))
;; A fresh file's modification time is now (within a minute).
(define fresh (file-info-modification-time (file-info root)))
(show (< (abs (- (time-second fresh) (time-second (current-time)))) 60))

;; Symbolic links: followed by default, or not.
(system (string-append "ln -s data.txt " (in "link") " && ln -s nowhere " (in "dangling")))
(show (file-info-kind (file-info (in "link"))) (file-info-size (file-info (in "link"))))
(show (file-info-kind (file-info (in "link") #f)) (file-info-symbolic-link? (file-info (in "link") #f)))
(show (file-info-size (file-info (in "link") #f)))
(show (outcome (lambda () (file-info (in "dangling")))))
(show (file-info-kind (file-info (in "dangling") #f)))
(show (file-info-kind (file-info "/dev/null")) (file-info-kind (file-info "/")))
(show (outcome (lambda () (file-info (in "missing")))))
(show (outcome (lambda () (file-info (path-join text "inside")))))
(show (outcome (lambda () (file-info 42))))

;; Temporary files: new, empty, private, distinct; the prefix is checked.
(define t1 (create-temporary-file))
(define t2 (create-temporary-file "closc-fs-info-file-"))
(show (file-exists? t1) (file-info-size (file-info t1)) (file-info-permissions (file-info t1)))
(show (string=? t1 t2) (string=? (substring (path-name t2) 0 19) "closc-fs-info-file-")
      (string=? (substring (path-name t1) 0 5) "closc"))
(show (outcome (lambda () (create-temporary-file "a/b"))))
(show (outcome (lambda () (create-temporary-directory 7))))
(delete-file t1)
(delete-file t2)

;; Permission denied (or not permitted, for root) where nobody may write.
(define refused (outcome (lambda () (create-directory "/sys/closc-fs-test"))))
(show (car refused) (if (member (cadr refused) '("create-directory: Permission denied"
                                                 "create-directory: Operation not permitted"))
                        'denied
                        refused))
(define refused2 (outcome (lambda () (delete-file "/proc/version"))))
(show (car refused2) (if (member (cadr refused2) '("delete-file: Permission denied"
                                                     "delete-file: Operation not permitted"))
                         'denied
                         refused2))

(for-each delete-file (list text (in "link") (in "dangling")))
(delete-directory root)
(show (file-exists? root))
