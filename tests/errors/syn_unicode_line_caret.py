texte = 'héllo wörld' + 'ünïcode' $ 3
