"""Text handling without Textual: segmentation (jieba), normalisation and CJK layout."""
