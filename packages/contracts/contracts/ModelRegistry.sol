// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title ModelRegistry
/// @notice Public record of Vouch model commitments. A model id is the 32-byte commitment computed
///         off-chain (graph, public quantization settings, weight digest, hidden inputs, protocol
///         version); registering it names its owner and a metadata URI (the model card). Owners publish
///         new versions that supersede old ones and may deprecate a model; every change emits an event.
/// @dev Only a model's owner can change its entry. Ownership can be handed over in two steps
///      (propose, accept) so a typo cannot lose control of an entry.
contract ModelRegistry {
    /// @notice One registered model.
    struct Model {
        address owner;
        uint64 version;
        uint64 registeredAt;
        bool deprecated;
        bytes32 previous;
        bytes32 supersededBy;
        string metadataURI;
    }

    mapping(bytes32 => Model) private models;
    mapping(bytes32 => address) private pendingOwner;
    mapping(address => bytes32[]) private byOwner;

    event ModelRegistered(bytes32 indexed modelId, address indexed owner, uint64 version, bytes32 previous, string metadataURI);
    event ModelSuperseded(bytes32 indexed modelId, bytes32 indexed successor);
    event ModelDeprecated(bytes32 indexed modelId, string reason);
    event MetadataUpdated(bytes32 indexed modelId, string metadataURI);
    event OwnershipTransferStarted(bytes32 indexed modelId, address indexed from, address indexed to);
    event OwnershipTransferred(bytes32 indexed modelId, address indexed from, address indexed to);

    error ZeroModelId();
    error AlreadyRegistered(bytes32 modelId);
    error UnknownModel(bytes32 modelId);
    error NotOwner(bytes32 modelId, address caller);
    error NotPendingOwner(bytes32 modelId, address caller);
    error AlreadySuperseded(bytes32 modelId, bytes32 successor);
    error AlreadyDeprecated(bytes32 modelId);
    error EmptyMetadataURI();

    modifier onlyOwner(bytes32 modelId) {
        address owner = models[modelId].owner;
        if (owner == address(0)) revert UnknownModel(modelId);
        if (owner != msg.sender) revert NotOwner(modelId, msg.sender);
        _;
    }

    /// @notice Registers a new model (version 1) owned by the caller.
    function register(bytes32 modelId, string calldata metadataURI) external {
        _register(modelId, metadataURI, 1, bytes32(0));
    }

    /// @notice Registers `modelId` as the next version of `previousId`, which it supersedes.
    function registerVersion(bytes32 previousId, bytes32 modelId, string calldata metadataURI)
        external
        onlyOwner(previousId)
    {
        Model storage prev = models[previousId];
        if (prev.supersededBy != bytes32(0)) revert AlreadySuperseded(previousId, prev.supersededBy);
        _register(modelId, metadataURI, prev.version + 1, previousId);
        prev.supersededBy = modelId;
        emit ModelSuperseded(previousId, modelId);
    }

    /// @notice Marks a model deprecated (for example after a flaw was found). Irreversible.
    function deprecate(bytes32 modelId, string calldata reason) external onlyOwner(modelId) {
        Model storage m = models[modelId];
        if (m.deprecated) revert AlreadyDeprecated(modelId);
        m.deprecated = true;
        emit ModelDeprecated(modelId, reason);
    }

    /// @notice Points the model at a new metadata URI (model card).
    function setMetadataURI(bytes32 modelId, string calldata metadataURI) external onlyOwner(modelId) {
        if (bytes(metadataURI).length == 0) revert EmptyMetadataURI();
        models[modelId].metadataURI = metadataURI;
        emit MetadataUpdated(modelId, metadataURI);
    }

    /// @notice Starts handing the entry over to `to`; `to` must call {acceptOwnership}.
    function transferOwnership(bytes32 modelId, address to) external onlyOwner(modelId) {
        pendingOwner[modelId] = to;
        emit OwnershipTransferStarted(modelId, msg.sender, to);
    }

    /// @notice Completes a transfer started by {transferOwnership}.
    function acceptOwnership(bytes32 modelId) external {
        if (pendingOwner[modelId] != msg.sender || msg.sender == address(0)) revert NotPendingOwner(modelId, msg.sender);
        Model storage m = models[modelId];
        address from = m.owner;
        m.owner = msg.sender;
        delete pendingOwner[modelId];
        byOwner[msg.sender].push(modelId);
        emit OwnershipTransferred(modelId, from, msg.sender);
    }

    /// @notice The entry of `modelId`; reverts with UnknownModel when absent.
    function getModel(bytes32 modelId) external view returns (Model memory) {
        Model memory m = models[modelId];
        if (m.owner == address(0)) revert UnknownModel(modelId);
        return m;
    }

    /// @notice True when the model is registered, not deprecated and not superseded.
    function isActive(bytes32 modelId) external view returns (bool) {
        Model storage m = models[modelId];
        return m.owner != address(0) && !m.deprecated && m.supersededBy == bytes32(0);
    }

    /// @notice True when the model is registered (whatever its state).
    function isRegistered(bytes32 modelId) external view returns (bool) {
        return models[modelId].owner != address(0);
    }

    /// @notice Model ids ever registered by or transferred to `owner` (may include ones since transferred away).
    function modelsOf(address owner) external view returns (bytes32[] memory) {
        return byOwner[owner];
    }

    function _register(bytes32 modelId, string calldata metadataURI, uint64 version, bytes32 previous) private {
        if (modelId == bytes32(0)) revert ZeroModelId();
        if (bytes(metadataURI).length == 0) revert EmptyMetadataURI();
        if (models[modelId].owner != address(0)) revert AlreadyRegistered(modelId);
        models[modelId] = Model({
            owner: msg.sender,
            version: version,
            registeredAt: uint64(block.timestamp),
            deprecated: false,
            previous: previous,
            supersededBy: bytes32(0),
            metadataURI: metadataURI
        });
        byOwner[msg.sender].push(modelId);
        emit ModelRegistered(modelId, msg.sender, version, previous, metadataURI);
    }
}
