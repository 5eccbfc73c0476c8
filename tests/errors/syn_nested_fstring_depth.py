print(f'{f"{f'{1}'}"}')
