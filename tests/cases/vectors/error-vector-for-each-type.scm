(vector-for-each display "abc")
