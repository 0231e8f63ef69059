(write (symbol->string "abc"))
