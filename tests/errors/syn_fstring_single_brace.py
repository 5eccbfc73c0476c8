print(f'a}b')
