print(f'{"a\n".upper()}')
