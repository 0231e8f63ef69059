;; (closc file-system): directories, file information, renaming, temporary
;; files and path names. Every failure the OS reports is a file error
;; (file-error?) whose message names the procedure and gives the OS's
;; reason, and whose irritants are the path(s).
;;
;; (directory-files dir): the names in dir (not . and ..), sorted.
;; (file-info path [follow?]): a file-info; a symbolic link is followed
;;   unless follow? is #f. file-info?, file-info-kind (regular, directory,
;;   symbolic-link, fifo, socket, block-device, character-device),
;;   file-info-size (bytes), file-info-modification-time (a time of
;;   (closc time)), file-info-permissions (mode bits, e.g. #o644),
;;   file-info-directory?, file-info-regular?, file-info-symbolic-link?.
;; (rename-file old new), (create-directory path [parents?]) (with
;;   parents? true, missing parents are made and an existing directory is
;;   no error), (delete-directory path) (empty directories only),
;;   (current-directory), (change-directory path), file-exists?,
;;   delete-file.
;; (create-temporary-file [prefix]), (create-temporary-directory [prefix]):
;;   a new file (or directory) in TMPDIR (else /tmp) named PREFIX (default
;;   "closc") and six random characters; its path.
;; Paths (text only, nothing is asked of the OS but by path-absolute):
;;   (path-join part ...) joins with /, an absolute part starting over;
;;   (path-directory p) all before the last component ("." if none);
;;   (path-name p) the last component; (path-extension p) the text after
;;   the last dot of the name, #f if none (a leading dot starts no
;;   extension); (path-strip-extension p); (path-absolute? p);
;;   (path-absolute p) p joined to the current directory unless absolute.
(define-library (closc file-system)
  (import (scheme base) (scheme file) (closc os) (closc time))
  (export directory-files file-info file-info? file-info-kind file-info-size
          file-info-modification-time file-info-permissions file-info-directory?
          file-info-regular? file-info-symbolic-link? rename-file create-directory
          delete-directory current-directory change-directory file-exists?
          delete-file create-temporary-file create-temporary-directory path-join
          path-directory path-name path-extension path-strip-extension
          path-absolute? path-absolute)
  (include "file-system.scm"))
