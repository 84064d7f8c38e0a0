from .cli import main

# Guarded: on Windows, worker processes for parallel reading re-import the main module.
if __name__ == "__main__":
    main()
