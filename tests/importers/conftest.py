import sys
from pathlib import Path

# corpus.py and fidelity.py are helpers of these tests and of bench/import_fidelity.py.
sys.path.insert(0, str(Path(__file__).parent))
