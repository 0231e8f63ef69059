; hand-written .out: (closc file-system), from lib/closc/file-system.sld's text.
;; create-directory (with and without parents), directory-files,
;; delete-directory, rename-file, current-directory, change-directory, and
;; their failures, in a directory of this run's own.
(import (scheme base) (scheme write) (scheme file) (closc file-system)
        (only (closc process) current-process-id))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(define root (string-append "/tmp/closc-fs-directories-"
                            (number->string (current-process-id))))
;; A failure's kind, message without the path, and irritants relative to root.
(define (outcome thunk)
  (define (relative x)
    (if (and (string? x) (>= (string-length x) (string-length root))
             (string=? (substring x 0 (string-length root)) root))
        (string-append "ROOT" (substring x (string-length root) (string-length x)))
        x))
  (guard (e ((file-error? e) (list 'file-error (error-object-message e)
                                   (map relative (error-object-irritants e))))
            ((error-object? e) (list 'error (error-object-message e)
                                     (error-object-irritants e))))
    (thunk)
    'ok))
(define (in . parts) (apply path-join root parts))

(show (outcome (lambda () (create-directory root))))
(show (directory-files root))
(show (outcome (lambda () (create-directory root))))
(show (outcome (lambda () (create-directory (in "a" "b")))))
(show (outcome (lambda () (create-directory (in "a" "b" "c") #t))))
(show (outcome (lambda () (create-directory (in "a" "b" "c") #t))))
(show (outcome (lambda () (create-directory (in "a" "b") #f))))
(create-directory (in "z"))
(create-directory (in "m"))
(with-output-to-file (in "file.txt") (lambda () (display "text")))
(with-output-to-file (in ".hidden") (lambda () (display "")))
(show (directory-files root))
(show (directory-files (in "a")) (directory-files (in "a" "b" "c")))
(show (outcome (lambda () (directory-files (in "nope")))))
(show (outcome (lambda () (directory-files (in "file.txt")))))

;; delete-directory: only empty directories.
(show (outcome (lambda () (delete-directory (in "a")))))
(show (outcome (lambda () (delete-directory (in "nope")))))
(show (outcome (lambda () (delete-directory (in "file.txt")))))
(show (outcome (lambda () (delete-directory (in "m")))))
(show (file-exists? (in "m")))

;; rename-file: files and directories; a missing source names both paths.
(show (outcome (lambda () (rename-file (in "file.txt") (in "a" "moved.txt")))))
(show (file-exists? (in "file.txt")) (directory-files (in "a")))
(show (outcome (lambda () (rename-file (in "z") (in "y")))))
(show (directory-files root))
(show (outcome (lambda () (rename-file (in "nope") (in "other")))))
(show (outcome (lambda () (rename-file (in "y") (in "no-dir" "y")))))

;; current-directory and change-directory; relative paths follow it.
(define start (current-directory))
(show (path-absolute? start))
(change-directory (in "a"))
(show (string=? (current-directory) (in "a")))
(show (file-exists? "moved.txt") (directory-files "."))
(show (string=? (path-absolute "moved.txt") (in "a" "moved.txt")))
(change-directory "..")
(show (string=? (current-directory) root))
(show (outcome (lambda () (change-directory (in "nope")))))
(show (outcome (lambda () (change-directory (in ".hidden")))))
(change-directory start)
(show (string=? (current-directory) start))

;; Bad arguments.
(show (outcome (lambda () (create-directory 5))))
(show (outcome (lambda () (directory-files 'a))))
(show (outcome (lambda () (rename-file "a" 1))))

;; Clean up (create-directory with parents made a/b and a/b/c).
(delete-file (in "a" "moved.txt"))
(delete-file (in ".hidden"))
(for-each delete-directory (list (in "a" "b" "c") (in "a" "b") (in "a") (in "y") root))
(show (file-exists? root))
