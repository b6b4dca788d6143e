"""hzdigital: Hangzhou's 14th Five-Year Digital Economy Development Plan as working software."""

__version__ = "0.1.0"
