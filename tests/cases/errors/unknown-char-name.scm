; #\foo is not a character name.
(display #\a)
(display #\foo)
(newline)
