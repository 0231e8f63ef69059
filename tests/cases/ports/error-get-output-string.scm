(get-output-string (open-input-string "abc"))
