X = 42
print("imp_plain", __name__, repr(__package__))
