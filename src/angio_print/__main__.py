import sys

from angio_print.cli import main

sys.exit(main())
